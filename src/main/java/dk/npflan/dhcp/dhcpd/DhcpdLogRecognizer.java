package dk.npflan.dhcp.dhcpd;

import dk.npflan.dhcp.omapi.FailoverState;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one dhcpd log line into a {@link FailoverLogEvent}, or nothing. Pure, so the exact line
 * formats of dhcpd 4.4 ({@code server/failover.c}) are pinned by unit tests rather than discovered
 * in a live pair.
 */
public final class DhcpdLogRecognizer {

    private static final Pattern MOVE =
            Pattern.compile("failover peer (.+?): (I move|peer moves) from (\\S+) to (\\S+)\\s*$");
    private static final Pattern BOTH_NORMAL =
            Pattern.compile("failover peer (.+?): Both servers normal\\s*$");

    private DhcpdLogRecognizer() {}

    public static Optional<FailoverLogEvent> recognise(String line) {
        Matcher move = MOVE.matcher(line);
        if (move.find()) {
            String peer = move.group(1);
            return Optional.of(
                    move.group(2).equals("I move")
                            ? new FailoverLogEvent.LocalMove(
                                    peer, state(move.group(3)), state(move.group(4)))
                            : new FailoverLogEvent.PeerMove(
                                    peer, state(move.group(3)), state(move.group(4))));
        }
        Matcher both = BOTH_NORMAL.matcher(line);
        if (both.find()) {
            return Optional.of(new FailoverLogEvent.BothNormal(both.group(1)));
        }
        return Optional.empty();
    }

    /**
     * dhcpd's state name to the enum; a name we do not know is {@link FailoverState#UNKNOWN}, never
     * a guess.
     */
    static FailoverState state(String dhcpdName) {
        return Arrays.stream(FailoverState.values())
                .filter(s -> s.dhcpdName().equals(dhcpdName))
                .findFirst()
                .orElse(FailoverState.UNKNOWN);
    }
}
