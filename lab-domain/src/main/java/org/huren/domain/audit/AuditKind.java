package org.huren.domain.audit;

/** A scheduled audit (计划督查) or an unannounced one (飞行督查). */
public enum AuditKind {
    SCHEDULED, UNANNOUNCED
}
