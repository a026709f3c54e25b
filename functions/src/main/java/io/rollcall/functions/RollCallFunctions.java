package io.rollcall.functions;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Spring application behind every Lambda function; SPRING_CLOUD_FUNCTION_DEFINITION picks the bean. */
@SpringBootApplication(scanBasePackages = "io.rollcall")
public class RollCallFunctions {

    public static void main(String[] args) {
        SpringApplication.run(RollCallFunctions.class, args);
    }
}
