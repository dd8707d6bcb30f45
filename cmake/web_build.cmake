# Builds the web app (web/: TypeScript, vite) into OUT_DIR with npm, at build
# time. Run as: cmake -DNPM=.. -DWEB_DIR=.. -DOUT_DIR=.. -P web_build.cmake
# web/node_modules comes from `npm ci` (scripts/setup.sh): nothing is
# fetched here.
if(NOT EXISTS ${WEB_DIR}/node_modules/vite/package.json OR NOT EXISTS ${WEB_DIR}/node_modules/typescript/package.json
   OR NOT EXISTS ${WEB_DIR}/node_modules/d3-sankey/package.json)
  message(FATAL_ERROR "web/node_modules is missing or incomplete: run scripts/setup.sh (npm ci in web/)")
endif()
execute_process(
  COMMAND ${NPM} run --silent build -- --outDir ${OUT_DIR} --emptyOutDir --logLevel warn
  WORKING_DIRECTORY ${WEB_DIR}
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "npm run build in ${WEB_DIR} failed (${rc})")
endif()
if(NOT EXISTS ${OUT_DIR}/index.html)
  message(FATAL_ERROR "npm run build wrote no ${OUT_DIR}/index.html")
endif()
