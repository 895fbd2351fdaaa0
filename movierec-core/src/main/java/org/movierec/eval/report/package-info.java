/**
 * Renderers that turn an evaluation {@link org.movierec.eval.Report} into text: a plain table, JSON and
 * Markdown here, more from other modules through {@link java.util.ServiceLoader}
 * ({@link org.movierec.eval.report.ReportRenderer}).
 */
package org.movierec.eval.report;
