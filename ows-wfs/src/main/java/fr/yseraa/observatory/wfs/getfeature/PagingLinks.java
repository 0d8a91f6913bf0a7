package fr.yseraa.observatory.wfs.getfeature;

import fr.yseraa.observatory.core.feature.PagePlan;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The next and previous page URLs of a KVP GetFeature: the same request with STARTINDEX and COUNT moved. */
final class PagingLinks {

    private final String serviceUrl;
    private final Map<String, String> kvp;

    /** @param kvp the request's parameters (upper-case keys) */
    PagingLinks(String serviceUrl, Map<String, String> kvp) {
        this.serviceUrl = serviceUrl;
        this.kvp = kvp;
    }

    String next(long startIndex, long count, PagePlan plan) {
        return plan.more() ? page(startIndex + plan.returned(), count) : null;
    }

    String previous(long startIndex, long count) {
        return startIndex > 0 ? page(Math.max(0, startIndex - count), count) : null;
    }

    /** After a hits answer: the first page of results. */
    String firstResults(long startIndex, long count, long matched) {
        if (startIndex >= matched) {
            return null;
        }
        Map<String, String> p = new LinkedHashMap<>(kvp);
        p.put("RESULTTYPE", "results");
        return page(p, startIndex, count);
    }

    private String page(long startIndex, long count) {
        return page(new LinkedHashMap<>(kvp), startIndex, count);
    }

    private String page(Map<String, String> p, long startIndex, long count) {
        p.remove("MAXFEATURES");
        p.put("STARTINDEX", Long.toString(startIndex));
        p.put("COUNT", Long.toString(count));
        return serviceUrl + "?" + p.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
