package dev.gatehouse.ownership.jta;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.Transactional;

/**
 * {@code @Owned} arguments resolved again inside a {@code @Transactional(REQUIRES_NEW)} method's
 * transaction. One interceptor per transaction type, as {@code value} is a binding member of
 * {@code @Transactional}.
 */
@Interceptor
@Transactional(Transactional.TxType.REQUIRES_NEW)
@Priority(OwnedInTransaction.PRIORITY)
public class RequiresNewTransaction {

  @Inject
  OwnedInTransaction owned;

  @AroundInvoke
  Object reloadOwned(InvocationContext context) throws Exception {
    return owned.proceed(context);
  }
}
