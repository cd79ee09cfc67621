import numpy as np
from scipy.optimize import brentq
def spec(m,a): l=np.arange(1,m+1)**-a; return l/l.sum()
lam=spec(400,1.5); v=1/np.arange(1,401); v/=np.linalg.norm(v); eps=0.01
def krr(lam,v,eps,n,d):
    f=lambda lk: (lam/(lam+np.exp(lk))).sum()+d/np.exp(lk)-n
    k=np.exp(brentq(f,-80,10,xtol=1e-14,rtol=1e-15))
    L=lam/(lam+k); E0=n/(n-(L**2).sum()); te=E0*(((1-L)**2*v**2).sum()+eps)
    return k,E0,te,(d/(n*k))**2*te,(L*v**2).sum()/(v**2).sum()
for n,d in [(50,0),(50,0.01),(200,1e-3)]:
    print("KRR",n,d,["%.10g"%x for x in krr(lam,v,eps,n,d)])
def rf(lam,v,eps,n,k,d):
    # independent: solve the two equations jointly by nested brentq over gamma (delta>0)
    S=lambda g:(lam/(lam+g)).sum()
    if d==0:
        m=min(k,n); g=np.exp(brentq(lambda lg:S(np.exp(lg))-m,-80,10,xtol=1e-14))
        kap=0 if k<n else g*(1-n/k)
    else:
        gn=np.exp(brentq(lambda lg:S(np.exp(lg))-n,-80,10,xtol=1e-14)) if len(lam)>n else 0
        def h(lg):
            g=np.exp(lg); kap=d/(n-S(g)); return S(g)+k*kap/g-k
        lo=np.log(gn)+1e-12 if gn>0 else -80
        g=np.exp(brentq(h,lo,10,xtol=1e-14)); kap=d/(n-S(g))
    L=lam/(lam+g); z=L.sum(); q=(L**2).sum()
    x=(q*(k-2*z)+z*z)/(n*(k-q)); E=1/(1-x)
    b=(1-L)-kap*L/(lam+g)*k/(k-q)
    return kap,g,E,E*((b*v**2).sum()+eps)
for k in [25,50,100,200,400,1600,6400]:
    print("RF k",k,["%.10g"%x for x in rf(lam,v,eps,100,k,1e-3)])
print("RF k400 d1e-5",["%.10g"%x for x in rf(lam,v,eps,100,400,1e-5)])
print("RF k50 d0",["%.10g"%x for x in rf(lam,v,eps,100,50,0)])
print("RF k400 d0",["%.10g"%x for x in rf(lam,v,eps,100,400,0)])
print("KRR n100 d1e-3",["%.10g"%x for x in krr(lam,v,eps,100,1e-3)])
for a in [1.5,2,3]:
    l=np.arange(1,200001)**-float(a)
    print("K5",a,"%.6f"%krr(l,np.zeros_like(l),1.0,1000,0)[1])
