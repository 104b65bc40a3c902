package cn.loopgate.home;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The analyst's "what changed since the previous day": signed differences, and which way is worse. */
class HomeChangeTest {

    @Test
    void deltaIsSignedAndFewerReportsOrMoreProblemsAreWorse() {
        assertEquals("+3", new Home.Change("board.missing", 5, 2).delta());
        assertEquals("−2", new Home.Change("board.reported", 38, 40).delta());
        assertEquals("±0", new Home.Change("board.abnormal", 1, 1).delta());
        assertTrue(new Home.Change("board.reported", 38, 40).worse());
        assertFalse(new Home.Change("board.reported", 41, 40).worse());
        assertTrue(new Home.Change("board.missing", 5, 2).worse());
        assertFalse(new Home.Change("board.late", 0, 2).worse());
        assertFalse(new Home.Change("board.abnormal", 1, 1).worse());
    }
}
