/**
 * Demo data for the embedded run: two districts, four parks, forty firms, a few hundred workers and
 * one user per role. Seeded once, on the first start, when {@code loopgate.demo-data=true}.
 */
package cn.loopgate.demo;
