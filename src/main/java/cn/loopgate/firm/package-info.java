/**
 * Firms (企业): who they are (unified social credit code, legal representative), where they are (park),
 * how they are counted in the figures (above designated size, "four above" category, industry,
 * registered staff) and whether they have resumed or are suspended.
 */
package cn.loopgate.firm;
