package org.huren.api.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What one request may carry ({@code huren.limits.*}): everything under these limits is stored and read back;
 * anything over them is refused before it is acknowledged (413 or 422), never acknowledged and then unreadable.
 *
 * @param requestBytes  the largest request body
 * @param stringChars   the longest string in a JSON body (the event store and the read models keep every string
 *                      whole; Jackson reads no string over 20,000,000 characters back)
 * @param bundleEntries the most entries in one transaction or batch Bundle
 * @param awaitsPerClient the most requests one client may have waiting for a read model at once
 *                        ({@code X-HuRen-Await-Position}); more are answered 429
 */
@ConfigurationProperties("huren.limits")
public record RequestLimits(@DefaultValue("16MB") DataSize requestBytes,
                            @DefaultValue("1000000") int stringChars,
                            @DefaultValue("5000") int bundleEntries,
                            @DefaultValue("32") int awaitsPerClient) {
}
