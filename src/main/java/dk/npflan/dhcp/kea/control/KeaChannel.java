package dk.npflan.dhcp.kea.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;

/**
 * How one command reaches a Kea daemon and its one answer comes back: kea-dhcp4's unix control
 * socket ({@link UnixSocketChannel}) or a control agent's HTTP endpoint ({@link
 * ControlAgentChannel}). {@link KeaControlClient} builds the requests and binds the answers; a
 * channel only moves them.
 */
public interface KeaChannel {

    /**
     * Sends one request ({@code {"command": …, "arguments": …}}) and returns the daemon's answer
     * object.
     *
     * @param command the command's name, for error messages
     * @param timeout the bound for the whole exchange, connect included
     */
    JsonNode exchange(String command, ObjectNode request, Duration timeout)
            throws KeaControlException;

    /**
     * Where the channel points, for logs and errors ({@code unix:/run/kea/…}, {@code http://…}).
     */
    String target();
}
