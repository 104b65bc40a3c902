/**
 * Reading spreadsheets that users upload (.xlsx and .csv), streamed and under hard limits, for every import
 * (workers, firms, test results): {@link cn.loopgate.shared.sheet.SheetReader} hands each row's cells to the
 * caller, who maps headers and checks values. Formulas are never evaluated; a cell holding one is flagged.
 */
package cn.loopgate.shared.sheet;
