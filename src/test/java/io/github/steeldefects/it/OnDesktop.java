package io.github.steeldefects.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A test that drives ImageJ on a display (Xvfb, see {@link ImageJFolder#withDisplay()}): tagged
 * desktop, so that mvn test leaves it out and mvn verify runs it in failsafe's desktop-tests execution.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Tag("desktop")
@Test
@interface OnDesktop {}
