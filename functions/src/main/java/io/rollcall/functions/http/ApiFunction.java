package io.rollcall.functions.http;

import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** An HTTP API Lambda function: its routes, served from an API Gateway HTTP (payload 2.0) event. */
public interface ApiFunction extends Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    HttpApi api();

    @Override
    default APIGatewayV2HTTPResponse apply(APIGatewayV2HTTPEvent event) {
        return api().apply(event);
    }
}
