package dev.gatehouse.test.internal;

import dev.gatehouse.test.TestCaller;
import dev.gatehouse.test.TestTokens;
import java.lang.reflect.AnnotatedElement;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Makes the {@link TestCaller} of each test the caller of its requests: a slot that clients read
 * ({@link dev.gatehouse.test.TestCallers}), and a filter on rest-assured's default request
 * specification when rest-assured is on the class path. The token is signed when a request first
 * needs it — so a test class may choose its tokens ({@code TestCallers.useTokens}) in a
 * {@code @BeforeEach} — and restored after the test.
 */
public final class TestCallerExtension implements BeforeEachCallback, AfterEachCallback {

  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(TestCallerExtension.class);
  private static volatile TestCaller caller;
  private static volatile String token;
  private static volatile Supplier<TestTokens> tokens = TestTokens::fromConfig;

  /** The current caller's token, signed on first use; empty outside a {@link TestCaller}. */
  public static synchronized Optional<String> current() {
    TestCaller c = caller;
    if (c == null) {
      return Optional.empty();
    }
    if (token == null) {
      token = Objects.requireNonNull(tokens.get(), "the tokens supplier returned null").token()
          .subject(c.subject()).roles(c.roles()).scopes(c.scopes()).sign();
    }
    return Optional.of(token);
  }

  /** See {@link dev.gatehouse.test.TestCallers#useTokens}. */
  public static synchronized void useTokens(Supplier<TestTokens> source) {
    tokens = source == null ? TestTokens::fromConfig : source;
    token = null;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    Optional<TestCaller> found = find(context.getRequiredTestMethod())
        .or(() -> context.getTestClass().flatMap(TestCallerExtension::findOnClass));
    if (found.isEmpty()) {
      return;
    }
    synchronized (TestCallerExtension.class) {
      context.getStore(NS).put("previous", new Previous(caller, token, RestAssuredSlot.get()));
      caller = found.get();
      token = null;
    }
    RestAssuredSlot.install();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Previous p = context.getStore(NS).remove("previous", Previous.class);
    if (p != null) {
      synchronized (TestCallerExtension.class) {
        caller = p.caller();
        token = p.token();
      }
      RestAssuredSlot.restore(p.restAssured());
    }
  }

  private record Previous(TestCaller caller, String token, Object restAssured) {
  }

  private static Optional<TestCaller> find(AnnotatedElement e) {
    return Optional.ofNullable(e.getAnnotation(TestCaller.class));
  }

  private static Optional<TestCaller> findOnClass(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
      TestCaller a = c.getAnnotation(TestCaller.class);
      if (a != null) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
