package org.huren.api.alliance;

import org.huren.api.axon.JdbcEventStoreIndex;
import org.huren.domain.alliance.AllianceKind;
import org.huren.domain.alliance.EnrolLab;
import org.huren.domain.alliance.FormAlliance;
import org.huren.domain.alliance.Integration;
import org.huren.domain.alliance.LabLevel;
import org.huren.domain.alliance.AllianceTime;
import org.huren.domain.catalog.DefaultCatalog;
import org.huren.domain.catalog.SeedCatalog;
import org.huren.domain.common.Identifier;
import org.huren.fhir.read.ReadModel;
import org.huren.fhir.read.ReadModelPositions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives the default run something to work with: the demo alliance, its three labs (core, secondary,
 * community) and the default recognition catalog — on the first start only; a restart finds them (and every
 * change QC managers made since) in the event store. The
 * application is ready only after the read models have them, so the first LIS request is attributed.
 */
@Component
public class DemoAllianceSeeder {

    private static final Logger log = LoggerFactory.getLogger(DemoAllianceSeeder.class);

    private final DemoAllianceProperties demo;
    private final CommandTransactions commands;
    private final JdbcEventStoreIndex eventStore;
    private final ReadModelPositions positions;

    public DemoAllianceSeeder(DemoAllianceProperties demo, CommandTransactions commands,
                              JdbcEventStoreIndex eventStore, ReadModelPositions positions) {
        this.demo = demo;
        this.commands = commands;
        this.eventStore = eventStore;
        this.positions = positions;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(0)
    public void seed() {
        if (!demo.enabled()) {
            return;
        }
        String id = demo.allianceId();
        if (eventStore.aggregateType(id).isPresent()) {
            // seeded on an earlier start: what QC managers changed since (a suspension, a withdrawal) stands
            return;
        }
        List<Object> toSend = new ArrayList<>();
        toSend.add(new FormAlliance(id, demo.name(), AllianceKind.valueOf(demo.kind()),
                Integration.valueOf(demo.integration()), demo.coreInstitution()));
        for (DemoAllianceProperties.Lab lab : demo.labs()) {
            toSend.add(new EnrolLab(id, lab.code(), lab.institution(), LabLevel.valueOf(lab.level()),
                    lab.identifiers().stream().map(i -> new Identifier(i.system(), i.value(), null)).toList()));
        }
        toSend.add(new SeedCatalog(id, DefaultCatalog.load(LocalDate.of(2024, 11, 1))));
        CommandTransactions.Outcome outcome = commands.send(List.of(id), toSend);
        if (!positions.awaitPosition(outcome.position(), ReadModel.ALL, Duration.ofSeconds(60))) {
            log.warn("demo alliance seeded, but the read models have not caught up within 60 s");
        }
        log.info("demo alliance '{}' with {} labs and the default catalog is ready ({})", id, demo.labs().size(),
                AllianceTime.dateOf(java.time.Instant.now()));
    }
}
