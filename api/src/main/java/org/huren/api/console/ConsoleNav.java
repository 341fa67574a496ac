package org.huren.api.console;

import org.huren.api.alliance.AllianceController;
import org.huren.domain.alliance.query.AllianceView;
import org.huren.domain.alliance.query.CatalogItemView;
import org.huren.domain.alliance.query.MemberLabView;
import org.huren.fhir.server.Caller;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every console page of an alliance shows around its content: the alliance, the user, and the menu — each entry
 * only for a user whose token may make the {@code /api} request behind it.
 */
@Component
public class ConsoleNav {

    private final AllianceController alliances;
    private final ConsoleAccess access;

    public ConsoleNav(AllianceController alliances, ConsoleAccess access) {
        this.alliances = alliances;
        this.access = access;
    }

    /** A menu entry: its message key and where it leads. */
    public record Entry(String key, String href) {
    }

    /** Puts the alliance, the user and the menu on the page. */
    public void addTo(Model model, Caller caller, String allianceId) {
        AllianceView alliance = alliances.alliance(allianceId);
        model.addAttribute("alliance", alliance);
        model.addAttribute("caller", caller);
        model.addAttribute("menu", menu(caller, allianceId));
        model.addAttribute("otherAlliances", alliances.alliances(caller).stream()
                .filter(a -> !a.allianceId().equals(allianceId)).toList());
    }

    List<Entry> menu(Caller caller, String alliance) {
        Map<String, String> in = Map.of("allianceId", alliance);
        String base = "/console/alliances/" + alliance;
        List<Entry> menu = new java.util.ArrayList<>();
        if (access.may(caller, "GET", "/api/alliances/{allianceId}/overview", in, null)) {
            menu.add(new Entry("nav.overview", base));
            menu.add(new Entry("nav.kpis", base + "/kpis"));
        }
        if (!iqcLabs(caller, alliance).isEmpty()) {
            menu.add(new Entry("nav.iqc", base + "/iqc"));
        }
        if (access.may(caller, "GET", "/api/eqa/rounds", in, alliance)) {
            menu.add(new Entry("nav.eqa", base + "/eqa"));
        }
        if (access.may(caller, "GET", "/api/eqa/flight-inspections", in, alliance)) {
            menu.add(new Entry("nav.flightInspections", base + "/flight-inspections"));
        }
        if (access.may(caller, "GET", "/api/audits/findings", in, alliance)) {
            menu.add(new Entry("nav.audits", base + "/audits"));
        }
        if (clinicianIn(caller, alliance)) {
            menu.add(new Entry("nav.patients", base + "/patients"));
        }
        if (access.may(caller, "GET", "/api/alliances/{allianceId}/overview", in, null)) {
            menu.add(new Entry("nav.reports", base + "/reports"));
        }
        return menu;
    }

    /** Whether {@code caller} looks up patients and records reuse outcomes in {@code alliance}: a clinician of a member. */
    public boolean clinicianIn(Caller caller, String alliance) {
        return caller.hasRole("CLINICIAN") && caller.lab() != null && access.may(caller, "POST",
                "/api/alliances/{allianceId}/reuse-outcomes", Map.of("allianceId", alliance), null);
    }

    /** The member labs whose IQC {@code caller} may see. */
    public List<MemberLabView> iqcLabs(Caller caller, String alliance) {
        return alliances.members(alliance).stream().filter(m -> access.may(caller, "GET",
                "/api/iqc/{labCode}/{itemCode}/runs", Map.of("labCode", m.labCode(), "itemCode", "-"), null)).toList();
    }

    /** The alliance's catalog items in force, by code, for their names. */
    public Map<String, CatalogItemView> catalog(String alliance) {
        Map<String, CatalogItemView> items = new LinkedHashMap<>();
        alliances.catalog(alliance, null, false).forEach(item -> items.put(item.item().code(), item));
        return items;
    }

    /** An item's name in the user's language (its code when unknown). */
    public static String itemName(Map<String, CatalogItemView> catalog, String code) {
        CatalogItemView item = catalog.get(code);
        if (item == null) {
            return code;
        }
        boolean chinese = LocaleContextHolder.getLocale().getLanguage().equals("zh");
        String name = chinese && item.item().nameZh() != null ? item.item().nameZh() : item.item().nameEn();
        return name == null ? code : name;
    }
}
