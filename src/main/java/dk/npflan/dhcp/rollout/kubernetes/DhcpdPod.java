package dk.npflan.dhcp.rollout.kubernetes;

import java.net.URI;

/** The pod currently serving one role, and where its agent listens. */
public record DhcpdPod(String name, String ip, int agentPort) {

    public URI agentUri() {
        String host = ip.contains(":") ? "[" + ip + "]" : ip;
        return URI.create("http://" + host + ":" + agentPort);
    }
}
