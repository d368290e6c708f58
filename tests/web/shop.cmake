# The example shop (examples/web): its two merchant servers over HTTP, and end to end in a
# headless Chromium. Both servers run in each test, so the PHP extension is needed.
if(MP_BUILD_PHP)
  find_program(PHP_EXECUTABLE NAMES php8.2 php REQUIRED)
  set(shop_runner ${CMAKE_CURRENT_LIST_DIR}/run_shop_tests.sh ${PROJECT_BINARY_DIR}
      $<TARGET_FILE:mp-sandbox> ${PHP_EXECUTABLE} $<TARGET_FILE:mercadopago_php>)
  add_test(NAME "web: shop servers" COMMAND ${shop_runner} shop_server_test.py)
  add_test(NAME "web: shop checkout in chromium" COMMAND ${shop_runner} shop_test.py)
  # The first run pip-installs Playwright, Flask and the Python binding (built from source).
  set_tests_properties("web: shop servers" PROPERTIES LABELS web TIMEOUT 1800 RESOURCE_LOCK web-shop-venv)
  # Never beside another browser run (web_mpjs holds mp_web_venv for that too).
  set_tests_properties("web: shop checkout in chromium"
    PROPERTIES LABELS web TIMEOUT 1800 RESOURCE_LOCK "web-shop-venv;mp_web_venv")
endif()
