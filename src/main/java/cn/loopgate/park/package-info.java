/**
 * Districts and the industrial parks in them: the units resumption rates are tracked by. A park sets
 * its own time zone, daily-report deadline, longest pass and suspension policy.
 */
package cn.loopgate.park;
