package org.huren.api.alliance;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * The demo alliance the default run starts with ({@code huren.demo.*}): its name, kind and labs; seeded with
 * the default recognition catalog. {@code huren.demo.enabled=false} starts with an empty system.
 */
@ConfigurationProperties("huren.demo")
public record DemoAllianceProperties(boolean enabled, String allianceId, String name, String kind,
                                     String integration, String coreInstitution, List<Lab> labs) {

    public DemoAllianceProperties {
        labs = labs == null ? List.of() : List.copyOf(labs);
    }

    public record Lab(String code, String institution, String level, List<Id> identifiers) {
        public Lab {
            identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
        }
    }

    public record Id(String system, String value) {
    }
}
