package org.huren.api.security;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.huren.fhir.server.Caller;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Every event a request causes records who made it, from the request's verified token (issue 13): metadata
 * {@value #SUBJECT}, {@value #CLIENT} and {@value #LAB}. Events are appended on the request's thread (commands are
 * handled synchronously), the linker's and a blind result's grading included; an event with none of them was
 * caused by HuRen itself (a deadline, a projection).
 */
public class ActorMetadata implements MessageDispatchInterceptor<EventMessage<?>> {

    public static final String SUBJECT = "actorSubject";
    public static final String CLIENT = "actorClient";
    public static final String LAB = "actorLab";

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        return (index, message) -> {
            Caller caller = CallerFilter.current();
            if (caller == null || message.getMetaData().containsKey(SUBJECT)) {
                return message;
            }
            Map<String, String> actor = new HashMap<>();
            actor.put(SUBJECT, caller.subject());
            if (caller.clientId() != null) {
                actor.put(CLIENT, caller.clientId());
            }
            if (caller.lab() != null) {
                actor.put(LAB, caller.lab());
            }
            return message.andMetaData(actor);
        };
    }
}
