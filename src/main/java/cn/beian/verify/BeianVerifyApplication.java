package cn.beian.verify;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** 备案短信核验: the SMS verification step of ICP filing. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BeianVerifyApplication {
  public static void main(String[] args) {
    SpringApplication.run(BeianVerifyApplication.class, args);
  }
}
