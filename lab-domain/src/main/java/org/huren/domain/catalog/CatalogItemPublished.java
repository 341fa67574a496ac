package org.huren.domain.catalog;

/** An item entered the recognition catalog (互认项目目录) as version 1. */
public record CatalogItemPublished(String allianceId, CatalogItem item, int version) {
}
