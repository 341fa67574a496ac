/**
 * A member lab's own item codes (本院项目代码, e.g. {@code GLU} 葡萄糖, {@code K} 钾) mapped to the alliance's
 * recognition catalog, so that a lab whose LIS sends no LOINC can join without rewriting its interface (ADR 0017).
 * <p>
 * One {@link org.huren.domain.localcode.LocalCodeMap} per lab and code system keeps every change as an event: a code
 * mapped, a mapping amended from a later date, a code retired. Pure rules decide what a mapping may say
 * ({@link org.huren.domain.localcode.LocalCodeMappingCheck}: the lab's unit must convert to the catalog unit) and
 * which version of a mapping covers a result taken on a given day
 * ({@link org.huren.domain.localcode.LocalCodeResolution}).
 */
package org.huren.domain.localcode;
