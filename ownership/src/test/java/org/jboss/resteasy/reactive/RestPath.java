package org.jboss.resteasy.reactive;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Quarkus REST's {@code @RestPath}, as its jar declares it, so that tests can show that Gatehouse
 * recognises it by name without Quarkus on the class path.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD})
public @interface RestPath {
  String value() default "";
}
