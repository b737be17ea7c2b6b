/**
 * The README's Java snippets that need several modules (passwords, jwt, ratelimit, cors, redis, test), compiled with these tests so that they cannot go stale
 * (issue 24): each is a region between {@code // readme:NAME} and {@code // readme:end}, and the
 * README block after {@code <!-- snippet: PATH#NAME -->} must equal it (build-checks'
 * {@code ReadmeSnippetsIT}). The other types here stand in for the reader's own classes.
 *
 * <p>Vetoed: the module's tests start a CDI container that scans the test classes, and none of
 * these is meant to be a bean there.
 */
@Vetoed
package dev.gatehouse.example.readme;

import jakarta.enterprise.inject.Vetoed;
