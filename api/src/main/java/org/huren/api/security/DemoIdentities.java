package org.huren.api.security;

import org.huren.api.alliance.DemoAllianceProperties;
import org.huren.fhir.server.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;

/**
 * The clients and users of the embedded authorization server at first start: always the console client people
 * sign in through; with the demo alliance ({@code huren.demo.enabled}) also its labs' LIS clients and one user of
 * each kind, all with the demo secret (README, "Access").
 */
@Component
@Conditional(ExternalIssuer.Absent.class)
public class DemoIdentities implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(DemoIdentities.class);

    private final Identities identities;
    private final DemoAllianceProperties demo;
    private final SecurityProperties security;
    private final List<String> consoleRedirects;

    public DemoIdentities(Identities identities, DemoAllianceProperties demo, SecurityProperties security,
                          @Value("${huren.security.console-redirect-uris:http://127.0.0.1/callback,"
                                  + "http://127.0.0.1/login/oauth2/code/huren-console}")
                          List<String> consoleRedirects) {
        this.identities = identities;
        this.demo = demo;
        this.security = security;
        this.consoleRedirects = consoleRedirects;
    }

    /** Before the web server starts: a token can be had as soon as it answers. */
    @Override
    public void afterSingletonsInstantiated() {
        identities.addConsoleClient(consoleRedirects);
        if (!demo.enabled()) {
            return;
        }
        String secret = security.demoSecret();
        for (DemoAllianceProperties.Lab lab : demo.labs()) {
            String suffix = lab.code().toLowerCase(Locale.ROOT);
            identities.addMachineClient("lis-" + suffix, secret, List.of(Role.LIS), lab.code(), List.of());
            // the lab's order entry calling CDS Hooks for its clinicians (ADR 0016)
            identities.addMachineClient("cds-" + suffix, secret, List.of(Role.CLINICIAN), lab.code(), List.of());
            identities.addUser("clinician-" + suffix, secret, "Clinician at " + lab.code(), List.of(Role.CLINICIAN),
                    lab.code(), List.of());
            identities.addUser("staff-" + suffix, secret, "Lab staff at " + lab.code(), List.of(Role.LAB_STAFF),
                    lab.code(), List.of());
        }
        List<String> alliance = List.of(demo.allianceId());
        identities.addUser("qc-" + demo.allianceId(), secret, "QC manager of " + demo.allianceId(),
                List.of(Role.QC_MANAGER, Role.ASSESSOR, Role.AUDITOR), null, alliance);
        identities.addUser("operator", secret, "Operator", List.of(Role.OPERATOR), null, List.of());
        identities.addUser("admin", secret, "Administrator", List.of(Role.ADMIN), null, List.of());
        identities.addMachineClient("huren-operator", secret, List.of(Role.OPERATOR), null, List.of());
        identities.addMachineClient("huren-admin", secret, List.of(Role.ADMIN), null, List.of());
        // automation at network level (a city QC centre's tools, the benchmarks): QC roles in every alliance
        identities.addMachineClient("huren-qc-network", secret, List.of(Role.QC_MANAGER, Role.ASSESSOR,
                Role.AUDITOR), null, List.of(Caller.ALL_ALLIANCES));
        log.info("demo identities: LIS clients lis-<lab>, CDS clients cds-<lab>, users clinician-<lab>, staff-<lab>,"
                + " qc-{}, operator, admin; clients huren-operator, huren-admin, huren-qc-network (secret:"
                + " huren.security.demo-secret)", demo.allianceId());
    }
}
