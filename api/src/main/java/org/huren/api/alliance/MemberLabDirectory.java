package org.huren.api.alliance;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.huren.domain.alliance.query.FindMemberLabs;
import org.huren.domain.alliance.query.MemberLabView;
import org.huren.domain.common.Identifier;
import org.huren.fhir.lab.LabDirectory;
import org.huren.fhir.lab.MemberLab;
import org.huren.fhir.read.ConfirmedReads;
import org.huren.fhir.read.ReadModel;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The labs that may submit, from alliance membership: a lab's standing is the best it has in any alliance
 * (active, else suspended, else withdrawn). Read from the alliance read model; an answer that could refuse a
 * request — no such lab, or a lab not active in every alliance — is confirmed once that read model has processed
 * everything committed before, so a lab enrolled (or reinstated) a moment ago is never refused.
 */
@Component
public class MemberLabDirectory implements LabDirectory {

    private final QueryGateway queries;
    private final ConfirmedReads confirmed;

    public MemberLabDirectory(QueryGateway queries, ConfirmedReads confirmed) {
        this.queries = queries;
        this.confirmed = confirmed;
    }

    private List<MemberLabView> find(FindMemberLabs query) {
        return queries.query(query, ResponseTypes.multipleInstancesOf(MemberLabView.class)).join();
    }

    @Override
    public Optional<MemberLab> byCode(String code) {
        return confirmed.read(ReadModel.ALLIANCE, () -> merge(find(FindMemberLabs.byCode(code))).stream().findFirst(),
                MemberLabDirectory::activeEverywhere);
    }

    @Override
    public Optional<MemberLab> byIdentifier(String system, String value) {
        return confirmed.read(ReadModel.ALLIANCE, () -> merge(find(new FindMemberLabs(null, null, system, value,
                null))).stream().findFirst(), MemberLabDirectory::activeEverywhere);
    }

    /** An answer no caller refuses on: the lab exists and is active in each of its alliances. */
    private static boolean activeEverywhere(Optional<MemberLab> lab) {
        return lab.isPresent() && lab.get().standings().values().stream().allMatch(MemberLab.ACTIVE::equals);
    }

    @Override
    public List<MemberLab> all() {
        return merge(find(FindMemberLabs.all()));
    }

    /** One MemberLab per lab code over all its memberships. */
    static List<MemberLab> merge(List<MemberLabView> memberships) {
        Map<String, List<MemberLabView>> byLab = new LinkedHashMap<>();
        memberships.forEach(m -> byLab.computeIfAbsent(m.labCode(), k -> new ArrayList<>()).add(m));
        List<MemberLab> labs = new ArrayList<>();
        byLab.forEach((code, views) -> {
            String status = views.stream().anyMatch(v -> MemberLab.ACTIVE.equals(v.status())) ? MemberLab.ACTIVE
                    : views.stream().anyMatch(v -> MemberLab.SUSPENDED.equals(v.status())) ? MemberLab.SUSPENDED
                    : MemberLab.WITHDRAWN;
            LinkedHashSet<Identifier> identifiers = new LinkedHashSet<>();
            views.forEach(v -> identifiers.addAll(v.identifiers()));
            MemberLabView first = views.get(0);
            Map<String, String> standings = new LinkedHashMap<>();
            views.forEach(v -> standings.put(v.allianceId(), v.status()));
            labs.add(new MemberLab(code, first.institution(), first.level(), List.copyOf(identifiers), status,
                    standings));
        });
        return labs;
    }
}
