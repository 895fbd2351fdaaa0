package org.movierec.report;

/**
 * A chart rendered to inline SVG, with the numbers behind it.
 *
 * @param id    an HTML id, unique within the page
 * @param title the chart's title (also in the SVG)
 * @param xAxis the x axis title with its unit, as drawn
 * @param yAxis the y axis title with its unit, as drawn
 * @param svg   the {@code <svg>} element, without XML prolog
 * @param data  the numbers the chart draws
 */
public record Chart(String id, String title, String xAxis, String yAxis, String svg, Table data) {
}
