package cn.loopgate.dashboard;

import java.util.List;

/**
 * What a bulletin says, already in words, ready to be laid out by {@link BulletinPdf}: the issuing body's
 * mark, the title, the body sentences, the table per park (header, one row per park, the totals row), the
 * chart's bars, the note and the signature (issuing body and date). Pure data, so the layout can be tested
 * without a container.
 */
public record BulletinDocument(String issuer, String title, String number, List<String> paragraphs, String tableCaption,
                               List<String> tableHeader, List<List<String>> tableRows, String chartCaption,
                               List<Bar> bars, String note, String signature, String signatureDate, String generatedAt,
                               boolean english) {

    /** The same document as issued: with its number and its "数据生成时间" line. */
    public BulletinDocument issued(String number, String generatedAt) {
        return new BulletinDocument(issuer, title, number, paragraphs, tableCaption, tableHeader, tableRows, chartCaption,
                bars, note, signature, signatureDate, generatedAt, english);
    }

    /** One bar of the chart: a park's label and its rate in percent (null without firms). */
    public record Bar(String label, Double percent, String text) {
    }
}
