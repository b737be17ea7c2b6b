package dev.gatehouse.test;

import dev.gatehouse.test.internal.TestCallerExtension;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class or method as a caller: before each test a token is signed for
 * {@link #subject()} with {@link #roles()} and {@link #scopes()} ({@link TestTokens#fromConfig()},
 * the application's configured test key), and every request of the test carries it — requests of
 * rest-assured (its default specification), of a Jakarta REST client that registers
 * {@link TestCallerFilter}, and of anything that asks {@link TestCallers#authorization()}. A method's
 * annotation wins over its class's. It works in-process ({@code @QuarkusTest}, a Jersey test) and
 * against a separately started server (WildFly, Payara), because the token is real.
 *
 * <pre>{@code
 * @TestCaller(subject = "alice", roles = "writer")
 * class NotesTest {
 *   @Test void writerListsNotes() { given().get("/notes").then().statusCode(200); }
 *
 *   @Test @TestCaller(subject = "bob")
 *   void bobIsNoWriter() { given().post("/notes").then().statusCode(403); }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(TestCallerExtension.class)
public @interface TestCaller {

  /** The {@code sub} claim. */
  String subject();

  /** The roles, in the application's roles claim. */
  String[] roles() default {};

  /** The scopes, in the application's scopes claim. */
  String[] scopes() default {};
}
