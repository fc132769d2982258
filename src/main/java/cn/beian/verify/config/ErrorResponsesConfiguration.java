package cn.beian.verify.config;

import cn.beian.verify.kernel.Problems;
import org.apache.catalina.Container;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Every error response of the product as a problem document: the body size limit of the API, TRACE refused by
 * {@link TraceRefusalFilter}, and Tomcat's error report valve replaced by {@link ProblemErrorReportValve}. (Errors of Spring MVC: {@link ApiExceptionHandler}; the
 * error page: {@link ProblemErrorController}.)
 */
@Configuration
public class ErrorResponsesConfiguration {

  @Bean
  FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(HttpInputProperties properties, Problems problems) {
    FilterRegistrationBean<RequestBodyLimitFilter> registration =
        new FilterRegistrationBean<>(new RequestBodyLimitFilter(properties, problems));
    registration.setName("request-body-limit");
    registration.addUrlPatterns("/api/*");
    // after the per-client limits (which need no body), before anything that reads the body
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 110);
    return registration;
  }

  @Bean
  FilterRegistrationBean<TraceRefusalFilter> traceRefusalFilter(Problems problems) {
    FilterRegistrationBean<TraceRefusalFilter> registration = new FilterRegistrationBean<>(new TraceRefusalFilter(problems));
    registration.setName("trace-refusal");
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReportValve(Problems problems) {
    return new WebServerFactoryCustomizer<>() {
      @Override
      public void customize(TomcatServletWebServerFactory factory) {
        // TraceRefusalFilter refuses TRACE with a problem document; Tomcat's own refusal has no body at all
        factory.addConnectorCustomizers(connector -> connector.setAllowTrace(true));
        factory.addContextCustomizers(context -> {
          Container host = context.getParent();
          if (host instanceof StandardHost standardHost) {
            // the host adds a valve of this class at start unless one is there: ours is
            standardHost.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
          }
          // Spring Boot adds Tomcat's valve in a customizer of its own; whichever ran first, only ours remains
          host.addLifecycleListener(event -> {
            if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
              replaceErrorReportValves(host, problems);
            }
          });
        });
      }
    };
  }

  private static void replaceErrorReportValves(Container host, Problems problems) {
    for (Valve valve : host.getPipeline().getValves()) {
      if (valve instanceof ErrorReportValve && !(valve instanceof ProblemErrorReportValve)) {
        host.getPipeline().removeValve(valve);
      }
    }
    boolean present = false;
    for (Valve valve : host.getPipeline().getValves()) {
      present |= valve instanceof ProblemErrorReportValve;
    }
    if (!present) {
      host.getPipeline().addValve(new ProblemErrorReportValve(problems));
    }
  }
}
