package org.huren.api.labs;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * The minimal lab registry until alliance membership is modelled: the labs that may submit, from
 * configuration ({@code huren.labs[n].code|name|level|identifiers[m].system|value}).
 */
@ConfigurationProperties("huren")
public record LabRegistryProperties(List<Lab> labs) {

    public LabRegistryProperties {
        labs = labs == null ? List.of() : List.copyOf(labs);
    }

    public record Lab(String code, String name, String level, List<Id> identifiers) {
        public Lab {
            identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
        }
    }

    public record Id(String system, String value) {
    }
}
