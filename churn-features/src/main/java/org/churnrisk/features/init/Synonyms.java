package org.churnrisk.features.init;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.churnrisk.core.contract.Source;

/**
 * Column and file names that real tools give the contract's columns (Salesforce, HubSpot, Zendesk,
 * Freshdesk, Mixpanel, Amplitude, Segment, Gainsight, Stripe, Chargebee), compared after
 * {@link #normal(String)}. A name is only a candidate: the values decide.
 */
final class Synonyms {
    private Synonyms() {
    }

    /** Lower case, accents dropped, letters and digits only: {@code "Kündigungs-Datum"} is {@code kundigungsdatum}. */
    static String normal(String name) {
        String s = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /**
     * Whether the first words of {@code header} (split at anything but letters and digits and
     * where a lower-case letter or digit meets an upper-case one), each {@linkplain #normal
     * normalised} and joined, are exactly {@code name}: {@code event_count_total} and
     * {@code EventCount} start with {@code eventcount}, {@code timestamp} does not start with
     * {@code times}.
     */
    static boolean startsWithWords(String header, String name) {
        String spaced = header.replaceAll("(\\p{Ll}|\\d)(\\p{Lu})", "$1 $2");
        StringBuilder joined = new StringBuilder();
        for (String word : spaced.split("[^\\p{L}\\p{N}]+")) {
            joined.append(normal(word));
            if (joined.length() >= name.length()) {
                return joined.toString().equals(name);
            }
        }
        return false;
    }

    private static final List<String> ACCOUNT_KEY = List.of("accountid", "account", "accountnumber", "companyid",
            "company", "customerid", "customer", "organizationid", "organization", "orgid", "org", "clientid",
            "groupid", "tenantid", "hubspotcompanyid", "sfdcaccountid", "salesforceaccountid");

    /** Words in file names, per source. */
    static final Map<Source, List<String>> FILE_WORDS = Map.of(
            Source.ACCOUNTS, List.of("accounts", "account", "companies", "company", "customers", "customer",
                    "organizations", "orgs", "clients", "crm"),
            Source.USAGE, List.of("usage", "events", "event", "activity", "tracks", "track", "mixpanel", "amplitude",
                    "segment", "product", "analytics", "sessions", "logins", "telemetry", "pendo", "heap"),
            Source.TICKETS, List.of("tickets", "ticket", "zendesk", "support", "cases", "case", "freshdesk",
                    "helpdesk", "issues"),
            Source.SURVEYS, List.of("surveys", "survey", "nps", "csat", "responses", "feedback", "delighted",
                    "qualtrics"),
            Source.TOUCHPOINTS, List.of("touchpoints", "touchpoint", "meetings", "calls", "engagements",
                    "interactions", "timeline", "gainsight", "csm"),
            Source.CONTRACTS, List.of("contracts", "contract", "subscriptions", "subscription", "opportunities",
                    "opportunity", "deals", "renewals", "terms"),
            Source.CHURN, List.of("churn", "churns", "churned", "cancellations", "cancellation", "cancels",
                    "lost"));

    /** Header names per source and canonical column, most specific first. */
    static List<String> columns(Source source, String column) {
        if (column.equals("account_id")) {
            return source == Source.ACCOUNTS
                    ? List.of("accountid", "id", "accountnumber", "accountno", "companyid", "customerid",
                            "customernumber", "customerno", "organizationid", "orgid", "clientid", "recordid",
                            "hubspotcompanyid", "kundennr", "kundennummer")
                    : ACCOUNT_KEY;
        }
        List<String> names = switch (source) {
            case ACCOUNTS -> switch (column) {
                case "account_name" -> List.of("accountname", "name", "companyname", "company", "customername",
                        "customer", "organizationname", "organization", "clientname", "firma");
                case "arr" -> List.of("arr", "arrusd", "annualrecurringrevenue", "currentarr", "acv",
                        "annualcontractvalue", "contractvalue");
                case "licensed_seats" -> List.of("licensedseats", "seats", "licenses", "licences", "seatcount",
                        "numberofseats", "purchasedseats", "licensecount");
                case "contract_start" -> List.of("contractstart", "contractstartdate", "customersince",
                        "becamecustomer", "becamecustomerdate", "becameacustomerdate", "firstcontractdate", "startdate", "kundeseit");
                case "renewal_date" -> List.of("renewaldate", "nextrenewaldate", "nextrenewal", "renewal",
                        "renewson", "contractenddate", "contractend", "verlangerung");
                case "tier" -> List.of("tier", "segment", "customertier", "accounttier", "plan", "planname",
                        "edition", "package", "level", "stufe");
                case "csm" -> List.of("csm", "csmname", "customersuccessmanager", "successmanager", "accountowner",
                        "owner", "ownername", "accountmanager", "betreuer");
                default -> List.of();
            };
            case USAGE -> switch (column) {
                case "occurred_at" -> List.of("occurredat", "timestamp", "time", "eventtime", "eventtimestamp",
                        "datetime", "ts", "createdat", "eventdate", "date", "sentat", "receivedat", "happenedat");
                case "user_id" -> List.of("userid", "user", "distinctid", "uid", "memberid", "actorid", "useremail",
                        "email", "anonymousid");
                case "event" -> List.of("event", "eventname", "eventtype", "action", "feature", "activity", "name",
                        "type", "metric");
                case "quantity" -> List.of("quantity", "count", "eventcount", "qty", "times", "occurrences");
                case "errors" -> List.of("errors", "errorcount", "failures", "failed", "failurecount");
                default -> List.of();
            };
            case TICKETS -> switch (column) {
                case "ticket_id" -> List.of("ticketid", "id", "ticket", "ticketnumber", "casenumber", "caseid",
                        "number", "issueid", "key");
                case "created_at" -> List.of("createdat", "created", "createddate", "datecreated", "openedat",
                        "opened", "opendate", "submittedat", "requestedat");
                case "resolved_at" -> List.of("resolvedat", "solvedat", "resolved", "solved", "resolveddate",
                        "resolutiondate", "closedat", "closed", "closeddate", "dateclosed");
                case "priority" -> List.of("priority", "severity", "urgency", "prio");
                case "escalated" -> List.of("escalated", "isescalated", "escalation");
                case "satisfaction" -> List.of("satisfaction", "satisfactionrating", "satisfactionscore",
                        "csat", "csatscore", "rating");
                default -> List.of();
            };
            case SURVEYS -> switch (column) {
                case "responded_at" -> List.of("respondedat", "respondedon", "responsedate", "submittedat",
                        "answeredat", "completedat", "surveydate", "createdat", "timestamp", "date");
                case "kind" -> List.of("kind", "surveytype", "surveykind", "type", "metric", "survey",
                        "questiontype");
                case "score" -> List.of("score", "npsscore", "rating", "value", "answer", "response");
                case "respondent" -> List.of("respondent", "respondentemail", "email", "userid", "user", "contact",
                        "name");
                default -> List.of();
            };
            case TOUCHPOINTS -> switch (column) {
                case "occurred_at" -> List.of("occurredat", "activitydate", "meetingdate", "date", "timestamp",
                        "time", "datetime", "startedat", "start", "createdat");
                case "kind" -> List.of("kind", "activitytype", "touchpointtype", "type", "channel", "category",
                        "medium");
                default -> List.of();
            };
            case CONTRACTS -> switch (column) {
                case "start_date" -> List.of("startdate", "start", "termstart", "periodstart", "currentperiodstart",
                        "contractstart", "servicestartdate", "effectivedate", "startedat");
                case "end_date" -> List.of("enddate", "end", "termend", "periodend", "currentperiodend",
                        "contractend", "serviceenddate", "expirationdate", "expiresat", "endedat");
                case "arr" -> List.of("arr", "arrusd", "annualrecurringrevenue", "acv", "annualamount",
                        "contractvalue", "annualvalue", "amount");
                case "seats" -> List.of("seats", "quantity", "licenses", "licences", "seatcount");
                case "plan" -> List.of("plan", "planname", "product", "productname", "edition", "package", "sku",
                        "tier", "name");
                default -> List.of();
            };
            case CHURN -> switch (column) {
                case "churned_at" -> List.of("churnedat", "churndate", "churnedon", "datechurned", "cancelledat",
                        "canceledat", "cancellationdate", "lostdate", "enddate", "date");
                case "reason" -> List.of("reason", "churnreason", "cancellationreason", "lossreason", "comment");
                default -> List.of();
            };
        };
        return names;
    }

    /** A churn flag on an account row. */
    static final List<String> CHURN_FLAG = List.of("churned", "ischurned", "churn", "churnflag", "cancelled",
            "canceled", "iscancelled", "iscanceled", "lost", "gekundigt");
    /** A churn date on an account row. */
    static final List<String> CHURN_DATE = List.of("churnedat", "churndate", "churnedon", "datechurned",
            "cancelledat", "canceledat", "cancellationdate", "canceldate", "cancelleddate", "lostdate",
            "kundigungsdatum");

    /** Spellings of true and false, in pairs, as exports write them. */
    static final List<List<String>> BOOLEAN_PAIRS = List.of(List.of("yes", "no"), List.of("y", "n"),
            List.of("true", "false"), List.of("1", "0"), List.of("t", "f"), List.of("ja", "nein"),
            List.of("oui", "non"), List.of("si", "no"), List.of("sí", "no"), List.of("x", "-"),
            List.of("on", "off"), List.of("checked", "unchecked"), List.of("wahr", "falsch"));

    /** Ticket priorities as help desks spell them; P-levels and severities are handled by number. */
    static final Map<String, String> PRIORITY = Map.ofEntries(Map.entry("medium", "normal"),
            Map.entry("med", "normal"), Map.entry("moderate", "normal"), Map.entry("critical", "urgent"),
            Map.entry("blocker", "urgent"), Map.entry("highest", "urgent"), Map.entry("emergency", "urgent"),
            Map.entry("major", "high"), Map.entry("minor", "low"), Map.entry("lowest", "low"),
            Map.entry("trivial", "low"), Map.entry("mittel", "normal"), Map.entry("hoch", "high"),
            Map.entry("niedrig", "low"), Map.entry("dringend", "urgent"));

    /** Plan and segment words, from the smallest kind of customer to the largest. */
    static final List<List<String>> TIER_RANKS = List.of(
            List.of("free", "trial", "basic", "basis", "starter", "essentials", "essential", "lite", "small", "smb",
                    "startup", "individual", "personal", "selfserve"),
            List.of("team", "standard", "plus"),
            List.of("pro", "professional", "premium", "growth", "midmarket", "mid", "mm", "scale", "advanced"),
            List.of("business"),
            List.of("enterprise", "ent", "ultimate", "corporate", "large", "strategic", "key", "global", "elite"));
}
