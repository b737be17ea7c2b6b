package dev.gatehouse.core.internal;

import java.lang.reflect.Field;
import java.net.InetAddress;
import java.util.Map;

/**
 * How many host names this JVM has sent to its resolver: the size of {@code InetAddress}'s name
 * cache, which holds every lookup, failed ones included, and never a literal the JDK parsed
 * itself. Java 17 has no resolver SPI to count lookups with (Java 18's
 * {@code InetAddressResolverProvider} would be the way), so the cache is read reflectively; the
 * module's tests open {@code java.net} for it. A test that cannot read it fails, rather than
 * passing without looking.
 */
final class DnsLookups {

  private static final Map<?, ?> CACHE = cache();

  private DnsLookups() {
  }

  static int count() {
    return CACHE.size();
  }

  private static Map<?, ?> cache() {
    try {
      Field f = InetAddress.class.getDeclaredField("cache");
      f.setAccessible(true);
      return (Map<?, ?>) f.get(null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("cannot read the JDK's name cache; run with --add-opens"
          + " java.base/java.net=ALL-UNNAMED (the surefire configuration of this module does)", e);
    }
  }
}
