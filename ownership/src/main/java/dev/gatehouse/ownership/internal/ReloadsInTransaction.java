package dev.gatehouse.ownership.internal;

/**
 * Implemented by a bean of {@code gatehouse-ownership-jta}: its presence says that a
 * {@code @Transactional} method's {@code @Owned} arguments are loaded again inside the
 * transaction ({@link OwnedReload}). Without it such an endpoint does not start.
 */
public interface ReloadsInTransaction {
}
