package org.huren.api.cdshooks;

/**
 * A CDS Hooks request HuRen does not answer with cards or record, with its HTTP status, the stable reason code and
 * the offending element of the request (a JSON path such as {@code context.draftOrders} or {@code feedback[0].card}).
 */
public class CdsHooksRefusal extends RuntimeException {

    private final int status;
    private final String rule;
    private final String field;

    public CdsHooksRefusal(int status, String rule, String field, String message) {
        super(message);
        this.status = status;
        this.rule = rule;
        this.field = field;
    }

    public int status() {
        return status;
    }

    public String rule() {
        return rule;
    }

    public String field() {
        return field;
    }
}
