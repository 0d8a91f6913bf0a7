package fr.yseraa.observatory.server;

import fr.yseraa.observatory.server.operations.ClientProbeValve;
import fr.yseraa.observatory.server.operations.RequestLogValve;
import fr.yseraa.observatory.server.operations.RequestMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.catalina.core.StandardHost;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat answers its own rejections in the documented error format ({@link ErrorReportValve}); every request is
 * logged and counted ({@link RequestLogValve}) and can tell whether its client has gone ({@link ClientProbeValve}).
 */
@Configuration
public class WebServerConfiguration implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final RequestMetrics metrics;

    public WebServerConfiguration(ObjectProvider<MeterRegistry> registry) {
        this.metrics = new RequestMetrics(registry);
    }

    @Bean
    RequestMetrics requestMetrics() {
        return metrics;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addEngineValves(new RequestLogValve(metrics), new ClientProbeValve());
        factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ErrorReportValve.class.getName());
            }
        });
    }
}
