package dev.gatehouse.test.internal;

import dev.gatehouse.test.TestCaller;
import dev.gatehouse.test.TestTokens;
import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Signs the {@link TestCaller}'s token before each test and puts it where clients find it: a
 * thread-independent slot ({@link dev.gatehouse.test.TestCallers}), and rest-assured's default
 * request specification when rest-assured is on the class path. Both are restored after the test.
 */
public final class TestCallerExtension implements BeforeEachCallback, AfterEachCallback {

  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(TestCallerExtension.class);
  private static volatile String token;
  /** How tokens are made: {@link TestTokens#fromConfig()} unless a test set others. */
  private static volatile java.util.function.Supplier<TestTokens> tokens = TestTokens::fromConfig;

  /** The current caller's token. */
  public static Optional<String> current() {
    return Optional.ofNullable(token);
  }

  /**
   * Makes {@link TestCaller}'s tokens with {@code source} from now on (e.g. tokens timed by a
   * test clock); {@code null} goes back to {@link TestTokens#fromConfig()}.
   */
  public static void useTokens(java.util.function.Supplier<TestTokens> source) {
    tokens = source == null ? TestTokens::fromConfig : source;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    Optional<TestCaller> caller = find(context.getRequiredTestMethod())
        .or(() -> context.getTestClass().flatMap(TestCallerExtension::findOnClass));
    if (caller.isEmpty()) {
      return;
    }
    TestCaller c = caller.get();
    String signed = tokens.get().token().subject(c.subject()).roles(c.roles())
        .scopes(c.scopes()).sign();
    context.getStore(NS).put("previous", new Previous(token, RestAssuredSlot.get()));
    token = signed;
    RestAssuredSlot.set("Bearer " + signed);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Previous p = context.getStore(NS).remove("previous", Previous.class);
    if (p != null) {
      token = p.token();
      RestAssuredSlot.restore(p.restAssured());
    }
  }

  private record Previous(String token, Object restAssured) {
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
