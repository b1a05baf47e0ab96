package io.learnpulse.app.gateway;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A response to send: status, headers and a JSON body (none for 204 and HEAD). */
final class Response {
    final int status;
    final JsonNode body;
    final List<Map.Entry<String, String>> headers = new ArrayList<>(2);

    private Response(int status, JsonNode body) {
        this.status = status;
        this.body = body;
    }

    static Response json(int status, JsonNode body) {
        return new Response(status, body);
    }

    static Response noContent() {
        return new Response(204, null);
    }

    Response header(String name, String value) {
        headers.add(Map.entry(name, value));
        return this;
    }
}
