package cn.loopgate.health;

import cn.loopgate.shared.validation.Range;
import cn.loopgate.shared.validation.Required;

import java.math.BigDecimal;

/**
 * A park's new health policy: the test interval in hours (null: no test required), what an overdue test does,
 * the fever threshold (°C, 36.0–39.0, one decimal; null: 37.3) and whether a positive case suspends the firm's
 * other cards too.
 */
public record PolicyData(@Range(min = 1, max = 720) Integer testIntervalHours, @Required HealthRules.OverdueAction overdueAction,
                         BigDecimal feverThreshold, Boolean suspendFirm) {
}
