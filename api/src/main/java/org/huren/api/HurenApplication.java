package org.huren.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** HuRen (互认): lab-result mutual recognition and quality control for a medical alliance (医联体). */
@SpringBootApplication(scanBasePackages = {"org.huren.api", "org.huren.projections"})
@ConfigurationPropertiesScan
@EnableScheduling
public class HurenApplication {

    public static void main(String[] args) {
        SpringApplication.run(HurenApplication.class, args);
    }
}
