package fr.yseraa.observatory.core.xml;

import java.io.InputStream;
import java.io.Reader;
import java.util.function.Supplier;
import org.w3c.dom.ls.LSInput;

/** An {@link LSInput} whose bytes a supplier opens when the parser asks, for schema resolvers. */
public record StreamInput(String publicId, String systemId, Supplier<InputStream> bytes) implements LSInput {

    @Override public InputStream getByteStream() { return bytes.get(); }
    @Override public Reader getCharacterStream() { return null; }
    @Override public void setCharacterStream(Reader r) { }
    @Override public void setByteStream(InputStream s) { }
    @Override public String getStringData() { return null; }
    @Override public void setStringData(String s) { }
    @Override public String getSystemId() { return systemId; }
    @Override public void setSystemId(String s) { }
    @Override public String getPublicId() { return publicId; }
    @Override public void setPublicId(String s) { }
    @Override public String getBaseURI() { return systemId; }
    @Override public void setBaseURI(String s) { }
    @Override public String getEncoding() { return null; }
    @Override public void setEncoding(String s) { }
    @Override public boolean getCertifiedText() { return false; }
    @Override public void setCertifiedText(boolean b) { }
}
