package org.huren.fhir.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.SummaryEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.ResourceBinding;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.method.SearchMethodBinding;
import ca.uhn.fhir.rest.server.method.SearchParameter;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.huren.domain.query.SearchTotal;
import org.huren.domain.query.SortKey;
import org.huren.domain.query.SortOrder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The search result parameters HuRen honours, checked in one place for every search (a batch's GET entries too), so
 * that what the CapabilityStatement declares is what works and nothing is silently ignored: {@code _count} and
 * {@code _offset} are whole numbers from 0 ({@code _count=0}: the total alone), {@code _sort} names only the
 * parameters {@link #SORTS} lists for the resource type, {@code _total} is accurate, estimate or none (see
 * {@link SearchTotal}), and a parameter starting with {@code _} is one the
 * type's search declares or one of {@link #RESULT_PARAMETERS} — anything else is 400. (HAPI refuses other unknown
 * parameters itself, but passes over unknown {@code _} ones such as {@code _has}, {@code _security} or
 * {@code _total}, answering as if they had not been asked.)
 */
@Interceptor
public class SearchResultParameters {

    /** Results and reports: by when they were effective ({@code date}), or last changed in HuRen. */
    private static final Map<String, SortKey> LAB_RECORD_SORTS = Map.of(
            "date", SortKey.EFFECTIVE, Constants.PARAM_LASTUPDATED, SortKey.LAST_UPDATED);

    /** The {@code _sort} parameters of each resource type's search, and what they order by. */
    static final Map<String, Map<String, SortKey>> SORTS = Map.of(
            "Observation", LAB_RECORD_SORTS, "DiagnosticReport", LAB_RECORD_SORTS);

    /**
     * What shapes a search's answer rather than selects: HAPI or HuRen honours each on every search.
     */
    static final Set<String> RESULT_PARAMETERS = Set.of(Constants.PARAM_COUNT, Constants.PARAM_OFFSET,
            Constants.PARAM_FORMAT, Constants.PARAM_PRETTY, Constants.PARAM_SUMMARY, Constants.PARAM_ELEMENTS,
            Constants.PARAM_INCLUDE, Constants.PARAM_REVINCLUDE, Constants.PARAM_SEARCH_TOTAL_MODE);

    /** The {@code _sort} parameters of a resource type's search (none: {@code _sort} is refused). */
    public static Set<String> sortsOf(String resourceType) {
        return new TreeSet<>(SORTS.getOrDefault(resourceType, Map.of()).keySet());
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void checkSearch(RequestDetails request, RestOperationTypeEnum interaction) {
        if (interaction == RestOperationTypeEnum.SEARCH_TYPE || interaction == RestOperationTypeEnum.SEARCH_SYSTEM) {
            check(request);
        }
    }

    /** Refuses (400) a search whose {@code _count}, {@code _offset} or {@code _sort} HuRen would not honour. */
    public static void check(RequestDetails request) {
        Map<String, String[]> parameters = request.getParameters();
        if (parameters == null) {
            return;
        }
        wholeNumber(parameters, Constants.PARAM_COUNT);
        wholeNumber(parameters, Constants.PARAM_OFFSET);
        total(request);
        for (String name : parameters.keySet()) {
            String base = name.split("[:.]", 2)[0];
            if (base.startsWith("_") && !RESULT_PARAMETERS.contains(base)
                    && !(base.equals(Constants.PARAM_SORT) && !sortsOf(request.getResourceName()).isEmpty())
                    && !declared(request).contains(base)) {
                throw Problem.of(400, "unsupported-parameter").issue(IssueType.NOTSUPPORTED, name,
                        name + " is not supported on " + request.getResourceName() + " (see the "
                                + "CapabilityStatement, GET [base]/metadata)").exception();
            }
        }
        for (String value : parameters.getOrDefault(Constants.PARAM_SORT, new String[0])) {
            for (String name : value.split(",")) {
                String parameter = name.trim().startsWith("-") ? name.trim().substring(1) : name.trim();
                if (!sortsOf(request.getResourceName()).contains(parameter)) {
                    throw unsupportedSort(request.getResourceName(), parameter);
                }
            }
        }
    }

    /**
     * How the search asked its matches to be counted ({@code _total}); without it, up to {@link SearchTotal#LIMIT} —
     * or every match when the count is all it asks for ({@code _summary=count}, {@code _count=0}). 400 for a mode
     * FHIR does not define.
     */
    public static SearchTotal total(RequestDetails request) {
        Map<String, String[]> parameters = request.getParameters() == null ? Map.of() : request.getParameters();
        String[] values = parameters.get(Constants.PARAM_SEARCH_TOTAL_MODE);
        if (values == null || values.length == 0) {
            boolean countOnly = List.of(parameters.getOrDefault(Constants.PARAM_SUMMARY, new String[0]))
                    .contains(SummaryEnum.COUNT.getCode())
                    || List.of(parameters.getOrDefault(Constants.PARAM_COUNT, new String[0])).contains("0");
            return countOnly ? SearchTotal.ACCURATE : SearchTotal.UP_TO_LIMIT;
        }
        // FHIR's codes, and "estimated" as HAPI's client (SearchTotalModeEnum) sends it
        return switch (values.length == 1 ? values[0].trim() : "") {
            case "accurate" -> SearchTotal.ACCURATE;
            case "estimate", "estimated" -> SearchTotal.ESTIMATE;
            case "none" -> SearchTotal.NONE;
            default -> throw Problem.of(400, "invalid-search-parameter").issue(IssueType.INVALID,
                    Constants.PARAM_SEARCH_TOTAL_MODE, "_total is one of accurate, estimate or none, not '"
                            + String.join(",", values) + "'").exception();
        };
    }

    /** The order a search asked for with {@code _sort}, in HuRen's terms; empty when it asked for none. */
    public static List<SortOrder> sort(String resourceType, SortSpec spec) {
        List<SortOrder> orders = new ArrayList<>();
        for (SortSpec next = spec; next != null; next = next.getChain()) {
            SortKey key = SORTS.getOrDefault(resourceType, Map.of()).get(next.getParamName());
            if (key == null) {
                throw unsupportedSort(resourceType, next.getParamName());
            }
            orders.add(new SortOrder(key, next.getOrder() == SortOrderEnum.DESC));
        }
        return orders;
    }

    /** The search parameters the request's resource type declares (its search methods' parameters). */
    private static Set<String> declared(RequestDetails request) {
        Set<String> names = new TreeSet<>();
        if (request.getServer() instanceof RestfulServer server) {
            for (ResourceBinding binding : server.getResourceBindings()) {
                if (binding.getResourceName().equals(request.getResourceName())) {
                    binding.getMethodBindings().stream().filter(SearchMethodBinding.class::isInstance)
                            .flatMap(search -> search.getParameters().stream())
                            .filter(SearchParameter.class::isInstance)
                            .forEach(parameter -> names.add(((SearchParameter) parameter).getName()));
                }
            }
        }
        return names;
    }

    private static void wholeNumber(Map<String, String[]> parameters, String name) {
        for (String value : parameters.getOrDefault(name, new String[0])) {
            boolean valid;
            try {
                valid = Integer.parseInt(value.trim()) >= 0;
            } catch (NumberFormatException e) {
                valid = false;
            }
            if (!valid) {
                throw Problem.of(400, "invalid-search-parameter").issue(IssueType.INVALID, name, name
                        + " must be a whole number from 0, not '" + value + "'").exception();
            }
        }
    }

    private static RuntimeException unsupportedSort(String resourceType, String parameter) {
        Set<String> supported = sortsOf(resourceType);
        return Problem.of(400, "unsupported-sort").issue(IssueType.NOTSUPPORTED, Constants.PARAM_SORT,
                "_sort=" + parameter + " is not supported on " + resourceType + (supported.isEmpty()
                        ? ": its searches are in first-seen order"
                        : "; sort by " + String.join(", ", supported) + " (prefix - for descending)")).exception();
    }
}
