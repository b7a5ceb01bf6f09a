package dk.npflan.dhcp.kea.server;

import java.time.Duration;
import java.util.List;

/**
 * What {@link KeaServer#apply} did with a config, with the time each step took. The outcome says
 * what serves now; the text is Kea's own for the step that decided it.
 *
 * @param outcome how far the config got
 * @param text Kea's text of the deciding step (the rejection, the error, or config-set's success)
 * @param identical whether the config equals the last one this server object applied (key order
 *     aside); Kea is sent it all the same
 * @param lostCommands for {@link Outcome#SET_FAILED_DEGRADED}: the commands the server answered
 *     before the failed config-set and no longer does (e.g. {@code ha-heartbeat})
 * @param test time of config-test ({@link Duration#ZERO} if not reached)
 * @param set time of config-set
 * @param write time of config-write
 */
public record ApplyResult(
        Outcome outcome,
        String text,
        boolean identical,
        List<String> lostCommands,
        Duration test,
        Duration set,
        Duration write) {

    public ApplyResult {
        lostCommands = List.copyOf(lostCommands);
    }

    /** How far the config got, and so what the server runs now. */
    public enum Outcome {
        /** Tested, set and written: the new config serves and survives a restart. */
        APPLIED,
        /** config-test rejected it: nothing changed. */
        REJECTED,
        /**
         * config-test passed but config-set failed (e.g. the lease database cannot be opened): the
         * old config still serves, every command it had still answers.
         */
        SET_FAILED,
        /**
         * config-set failed after Kea had unloaded the old config's hook libraries (a hook's own
         * parameters are first checked at config-set): config-get still shows the old config, but
         * the hooks' commands are gone, e.g. HA no longer runs. Only a restart (or a good
         * config-set) brings them back.
         */
        SET_FAILED_DEGRADED,
        /** Set, but config-write failed: the new config serves until the next restart. */
        WRITE_FAILED,
        /** No answer at some step (socket gone, timeout); what runs is not known. */
        NO_ANSWER
    }
}
