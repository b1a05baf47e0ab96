package io.learnpulse.app.gateway;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Ends a request with an error response: a status, a JSON body and any extra headers. Control flow. */
final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final transient Response response;

    HttpError(Response response) {
        super(response.status + "", null, false, false);
        this.response = response;
    }

    /** {@code {"error": message}} with the status. */
    static HttpError of(int status, String message) {
        return new HttpError(Response.json(status, body(message)));
    }

    /** {@code {"error": message, "reason": reason}}: a request refused for a stable reason code. */
    static HttpError of(int status, String reason, String message) {
        ObjectNode b = body(message);
        b.put("reason", reason);
        return new HttpError(Response.json(status, b));
    }

    static ObjectNode body(String message) {
        ObjectNode b = JsonNodeFactory.instance.objectNode();
        b.put("error", message);
        return b;
    }

    HttpError header(String name, String value) {
        response.header(name, value);
        return this;
    }
}
