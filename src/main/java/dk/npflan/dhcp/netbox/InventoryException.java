package dk.npflan.dhcp.netbox;

/**
 * The single way loading an inventory fails. It carries a {@link InventoryProblem} so callers
 * decide by kind, and a message meant for an operator. Messages never contain the API token.
 */
public final class InventoryException extends Exception {

    private final InventoryProblem problem;

    public InventoryException(InventoryProblem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public InventoryException(InventoryProblem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = problem;
    }

    public InventoryProblem problem() {
        return problem;
    }
}
