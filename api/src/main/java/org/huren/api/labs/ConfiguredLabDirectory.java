package org.huren.api.labs;

import org.huren.domain.common.Identifier;
import org.huren.fhir.lab.LabDirectory;
import org.huren.fhir.lab.MemberLab;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** {@link LabDirectory} over the configured lab registry. */
@Component
public class ConfiguredLabDirectory implements LabDirectory {

    private final Map<String, MemberLab> byCode;

    public ConfiguredLabDirectory(LabRegistryProperties properties) {
        this.byCode = properties.labs().stream()
                .map(lab -> new MemberLab(lab.code(), lab.name(), lab.level(), lab.identifiers().stream()
                        .map(id -> new Identifier(id.system(), id.value(), null)).toList()))
                .collect(Collectors.toUnmodifiableMap(MemberLab::code, Function.identity()));
    }

    @Override
    public Optional<MemberLab> byCode(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    @Override
    public Optional<MemberLab> byIdentifier(String system, String value) {
        return byCode.values().stream().filter(lab -> lab.hasIdentifier(system, value)).findFirst();
    }

    @Override
    public List<MemberLab> all() {
        return byCode.values().stream().sorted((a, b) -> a.code().compareTo(b.code())).toList();
    }
}
