package dev.gatehouse.test.internal;

/**
 * rest-assured's default request specification, touched only when rest-assured is on the class
 * path (it is an optional dependency: a test of a Jakarta REST client need not have it).
 */
final class RestAssuredSlot {

  private static final boolean PRESENT = present();

  private RestAssuredSlot() {
  }

  private static boolean present() {
    try {
      Class.forName("io.restassured.RestAssured", false, RestAssuredSlot.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  static Object get() {
    return PRESENT ? Linked.get() : null;
  }

  /** Adds a filter sending the current caller's token to rest-assured's default specification. */
  static void install() {
    if (PRESENT) {
      Linked.install();
    }
  }

  static void restore(Object previous) {
    if (PRESENT) {
      Linked.restore(previous);
    }
  }

  /** Links rest-assured; loaded only once {@link #PRESENT} is known. */
  private static final class Linked {

    static Object get() {
      return io.restassured.RestAssured.requestSpecification;
    }

    static void install() {
      io.restassured.builder.RequestSpecBuilder b = new io.restassured.builder.RequestSpecBuilder();
      if (io.restassured.RestAssured.requestSpecification != null) {
        b.addRequestSpecification(io.restassured.RestAssured.requestSpecification);
      }
      io.restassured.RestAssured.requestSpecification = b.addFilter((request, response, ctx) -> {
        if (!request.getHeaders().hasHeaderWithName("Authorization")) {
          TestCallerExtension.current().ifPresent(t -> request.header("Authorization",
              "Bearer " + t));
        }
        return ctx.next(request, response);
      }).build();
    }

    static void restore(Object previous) {
      io.restassured.RestAssured.requestSpecification =
          (io.restassured.specification.RequestSpecification) previous;
    }
  }
}
