package fr.yseraa.observatory.core.xml;

import java.util.ArrayList;
import java.util.List;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

/** Collects the errors of a parse or validation as {@code line N: message}, ignoring warnings. */
public final class ProblemCollector implements ErrorHandler {

    private final List<String> problems = new ArrayList<>();

    @Override
    public void warning(SAXParseException e) {
        // warnings (e.g. a schema that could not be read for an optional import) are not problems of the document
    }

    @Override
    public void error(SAXParseException e) {
        problems.add("line " + e.getLineNumber() + ": " + e.getMessage());
    }

    @Override
    public void fatalError(SAXParseException e) {
        error(e);
    }

    /** The problems found so far. */
    public List<String> problems() {
        return problems;
    }
}
