package org.huren.api.cdshooks;

import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceIndicatorEnum;
import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceResponseCardJson;
import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceResponseCardSourceJson;
import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceResponseCodingJson;
import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceResponseJson;
import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceResponseLinkJson;
import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceResponseSuggestionJson;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Type;
import org.huren.domain.alliance.AllianceTime;
import org.huren.domain.alliance.query.AllianceView;
import org.huren.domain.alliance.query.CatalogItemView;
import org.huren.domain.alliance.query.GetCatalog;
import org.huren.domain.alliance.query.ListAlliances;
import org.huren.domain.catalog.CatalogItem;
import org.huren.domain.recognition.query.ResultTag;
import org.huren.fhir.lab.LabDirectory;
import org.huren.fhir.lab.MemberLab;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The card of each reminder (互认提醒), in the clinician's language ({@code cds-hooks/cards*.properties}; Chinese by
 * default): the item, the result with its unit, the lab that produced it and when, the HR mark (互认标识), until when
 * it may be reused, a link to the result, one suggestion — reuse it and delete the draft order — and the re-test
 * reasons to choose from when overriding.
 */
@Component
public class ReminderCards {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(AllianceTime.ZONE);

    private final QueryGateway queries;
    private final LabDirectory labs;
    private final MessageSource texts;

    public ReminderCards(QueryGateway queries, LabDirectory labs) {
        this.queries = queries;
        this.labs = labs;
        ResourceBundleMessageSource bundle = new ResourceBundleMessageSource();
        bundle.setBasename("cds-hooks/cards");
        bundle.setDefaultEncoding(StandardCharsets.UTF_8.name());
        bundle.setFallbackToSystemLocale(false);
        this.texts = bundle;
    }

    /** The uuid of the suggestion on a reminder's card: the feedback names it when the clinician accepts it. */
    static String suggestionId(String lookupId) {
        return UUID.nameUUIDFromBytes(("reuse\u0000" + lookupId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The cards of {@code reminders}; {@code fhirBase} is where this server's {@code /fhir} is reached. */
    public CdsServiceResponseJson of(List<ReuseReminders.Reminder> reminders, Locale locale, String fhirBase) {
        CdsServiceResponseJson response = new CdsServiceResponseJson();
        if (reminders.isEmpty()) {
            return response;
        }
        Map<String, String> allianceNames = queries.query(new ListAlliances(),
                        ResponseTypes.multipleInstancesOf(AllianceView.class)).join().stream()
                .collect(Collectors.toMap(AllianceView::allianceId, AllianceView::name));
        Map<String, Map<String, CatalogItem>> catalogs = new HashMap<>();
        for (ReuseReminders.Reminder reminder : reminders) {
            CatalogItem item = catalogs.computeIfAbsent(reminder.allianceId(), this::catalogOf)
                    .get(reminder.answer().itemCode());
            response.addCard(card(reminder, item, allianceNames.getOrDefault(reminder.allianceId(),
                    reminder.allianceId()), locale, fhirBase));
        }
        return response;
    }

    private CdsServiceResponseCardJson card(ReuseReminders.Reminder reminder, CatalogItem item, String alliance,
                                            Locale locale, String fhirBase) {
        String itemName = item == null ? reminder.answer().itemCode()
                : Locale.ENGLISH.equals(locale) ? item.nameEn() : item.nameZh();
        String value = valueOf(reminder.result().getValue());
        String lab = labs.byCode(reminder.answer().labId()).map(MemberLab::name).orElse(reminder.answer().labId());
        String measured = MINUTE.format(reminder.answer().effectiveAt());
        String resultUrl = fhirBase + "/Observation/" + reminder.answer().resultId();
        CdsServiceResponseCardJson card = new CdsServiceResponseCardJson()
                .setUuid(reminder.lookupId())
                .setSummary(text("card.summary", locale, itemName, value, lab, measured))
                .setDetail(text("card.detail", locale, itemName, reminder.answer().itemCode(), alliance,
                        MINUTE.format(reminder.answer().validUntil()), value, lab, measured))
                .setIndicator(CdsServiceIndicatorEnum.INFO)
                .setSource(new CdsServiceResponseCardSourceJson()
                        .setLabel(text("card.source", locale, alliance))
                        .setTopic(new CdsServiceResponseCodingJson().setSystem(ResultTag.RECOGNITION_SYSTEM)
                                .setCode(ResultTag.RECOGNIZED.code()).setDisplay(text("card.mark", locale))))
                .setSelectionBehaviour("at-most-one")
                .setOverrideReasons(RetestReasonCodes.codings(texts, locale))
                .setLinks(List.of(new CdsServiceResponseLinkJson().setLabel(text("card.link", locale))
                        .setUrl(resultUrl).setType("absolute")));
        CdsServiceResponseSuggestionJson reuse = new CdsServiceResponseSuggestionJson()
                .setLabel(text("card.suggestion", locale)).setUuid(suggestionId(reminder.lookupId()))
                .setRecommended(true);
        reuse.addAction(new DeleteAction(reminder.order().reference(), text("card.delete", locale, itemName)));
        card.addSuggestion(reuse);
        return card;
    }

    /** The value as the lab reported it: a quantity with its unit, or the text of a coded or textual value. */
    private static String valueOf(Type value) {
        if (value instanceof Quantity quantity) {
            String unit = quantity.hasUnit() ? quantity.getUnit() : quantity.getCode();
            return quantity.getValue().toPlainString() + (unit == null ? "" : " " + unit);
        }
        if (value instanceof CodeableConcept concept) {
            return concept.hasText() ? concept.getText() : concept.getCodingFirstRep().getDisplay();
        }
        return value == null ? "" : value.primitiveValue();
    }

    private Map<String, CatalogItem> catalogOf(String alliance) {
        return queries.query(new GetCatalog(alliance, null, false),
                        ResponseTypes.multipleInstancesOf(CatalogItemView.class)).join().stream()
                .map(CatalogItemView::item).collect(Collectors.toMap(CatalogItem::code, Function.identity()));
    }

    private String text(String key, Locale locale, Object... args) {
        return texts.getMessage(key, args, locale);
    }
}
