wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"k":10,"ratings":[{"movieId":50,"rating":5},{"movieId":181,"rating":5},{"movieId":172,"rating":4},{"movieId":1,"rating":4},{"movieId":98,"rating":5},{"movieId":127,"rating":5},{"movieId":313,"rating":3},{"movieId":258,"rating":2},{"movieId":300,"rating":1},{"movieId":288,"rating":4}]}'
