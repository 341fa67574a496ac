package org.huren.domain.common;

/** A business identifier (national ID, medical record number, accession number) with its system and type. */
public record Identifier(String system, String value, String type) {
}
